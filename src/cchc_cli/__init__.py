"""cchc: Vietnamese administrative-reform plans (Kế hoạch CCHC) as validated, structured data."""

__version__ = "0.1.0"
