# Everyday tasks. The README's two set-up commands need nothing but python3.
VENV ?= .venv
PY := $(VENV)/bin/python
SAMPLE := samples/seeds/002_5059744902de90ce.txt

.PHONY: install test lint format bench bombs data accuracy schema golden samples renderings fuzz fuzz-pdf clean

install:  ## create the venv, install cchc with its dev tools, parse a sample
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -e '.[dev]'
	$(VENV)/bin/cchc parse $(SAMPLE) > /dev/null && echo "cchc installed: $$($(VENV)/bin/cchc --version)"

test:  ## the test suite (the command CI runs)
	$(PY) -m pytest -q

lint:  ## ruff lint and format check
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts

format:
	$(VENV)/bin/ruff format src tests scripts
	$(VENV)/bin/ruff check --fix src tests scripts

bench:  ## speed and memory, written to BENCHMARKS.md
	$(PY) scripts/bench.py

data:  ## the JSON twins of src/cchc_cli/data/*.yaml (fast start; tests check they are current)
	$(PY) -c "from pathlib import Path; from cchc_cli.vocab import write_twin; [write_twin(n, Path('src/cchc_cli/data')) for n in ('lexicon', 'labels', 'national')]"

bombs:  ## hostile inputs at full size and scaling checks, written to BENCHMARKS.md
	$(PY) scripts/bombs.py

fuzz-pdf:  ## mutated copies of two sample PDFs, each parsed in its own process: named errors only
	$(PY) scripts/fuzz_pdf.py samples/corpus/007.pdf 1 300 && $(PY) scripts/fuzz_pdf.py samples/ben-tre-2023.pdf 2 200

accuracy:  ## corpus accuracy against tests/corpus/gold, written to ACCURACY.md
	$(PY) scripts/accuracy.py

schema:  ## regenerate schemas/plan.schema.json from the models
	$(PY) -m cchc_cli.schema schemas/plan.schema.json

golden:  ## regenerate tests/golden/*.yaml (review the diff before committing)
	$(PY) scripts/update_golden.py

samples:  ## regenerate samples/derived/ from the real plan
	$(PY) scripts/make_samples.py

renderings:  ## Word and PDF renderings of samples/corpus/*.txt (needs LibreOffice's soffice)
	$(PY) scripts/make_corpus_renderings.py

fuzz:  ## a long property-test run over the readers and the parser
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q tests/test_properties.py -p no:cacheprovider

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
