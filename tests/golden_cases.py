"""The documents whose whole parse is pinned in tests/golden/ (paths relative to the repo root)."""

GOLDEN = {
    "binh-phuoc-2024-news": "samples/seeds/000_45f2dcc9db8e5b56.txt",
    "kon-tum-2024-news": "samples/seeds/001_b23d1a26f0d3d168.txt",
    "ben-tre-2023-text": "samples/seeds/002_5059744902de90ce.txt",
    "thanh-hoa-2024-news": "samples/seeds/003_453a5dd02cf0c750.txt",
    "phu-yen-2023-news": "samples/seeds/004_693f115be85bb9c6.txt",
    "ben-tre-2023-docx": "samples/ben-tre-2023.docx",
    "ben-tre-2023-pdf": "samples/ben-tre-2023.pdf",
    "ben-tre-2023-html": "samples/derived/ben-tre-2023.html",
}
