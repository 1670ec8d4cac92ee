"""A corpus of N plans for the batch benchmark, made from the real samples with varied content.

Mixed formats as an archive holds them (mostly text copies, some Word files, a few PDFs); the
text and Word copies get other provinces, numbers and years, so no two files parse the same.
Usage: python scripts/make_corpus.py OUT_DIR [N=2000]
"""

from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples/seeds").glob("*.txt"))
PROVINCES = [
    "Bến Tre",
    "Long An",
    "Cà Mau",
    "Gia Lai",
    "Lào Cai",
    "Nghệ An",
    "Quảng Nam",
    "Đồng Tháp",
    "Sơn La",
]
PERCENT = re.compile(r"(\d{2,3})%")


def vary(text: str, rng: random.Random) -> str:
    province = rng.choice(PROVINCES)
    text = text.replace("Bến Tre", province).replace("BẾN TRE", province.upper())
    text = PERCENT.sub(lambda m: f"{min(100, max(10, int(m.group(1)) + rng.randint(-5, 5)))}%", text)
    year = rng.choice([2022, 2023, 2024, 2025])
    return text.replace("2023", str(year)).replace("2022", str(year - 1))


def vary_docx(data: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    parts["word/document.xml"] = vary(parts["word/document.xml"].decode("utf-8"), rng).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, part in parts.items():
            zout.writestr(name, part)
    return buffer.getvalue()


def main() -> None:
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2024)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    docx = (ROOT / "samples/ben-tre-2023.docx").read_bytes()
    pdfs = [
        (ROOT / "samples/ben-tre-2023.pdf").read_bytes(),
        (ROOT / "samples/ben-tre-2023-lists.pdf").read_bytes(),
    ]
    for n in range(count):
        kind = n % 50
        if kind == 0:  # 2% PDF
            (out / f"plan-{n:05d}.pdf").write_bytes(pdfs[n % 2])
        elif kind < 7:  # 12% Word
            (out / f"plan-{n:05d}.docx").write_bytes(vary_docx(docx, rng))
        else:
            (out / f"plan-{n:05d}.txt").write_text(vary(texts[n % len(texts)], rng), encoding="utf-8")
    print(f"{count} plans in {out}")


if __name__ == "__main__":
    main()
