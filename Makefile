# Quick start:  make demo   (set up, then check and redline the sample negotiation)
#               make test   (set up, then lint, type-check and run the test suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out

.PHONY: demo test test-clients lint typecheck pytest system wheel-check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Libraries WeasyPrint loads at run time, and pdftotext for the PDF tests.
system:
	@sh scripts/system-packages.sh

demo: system $(VENV)/.installed
	@mkdir -p $(OUT)
	$(BIN)/contracttools check samples/wga-2023
	$(BIN)/contracttools diff --stat samples/wga-2023/agreement-2020.yaml samples/wga-2023/02-producers-1.yaml || test $$? -eq 1
	$(BIN)/contracttools diff samples/wga-2023/01-guild-1.yaml samples/wga-2023/02-producers-1.yaml || test $$? -eq 1
	$(BIN)/contracttools diff samples/wga-2023/agreement-2020.yaml samples/wga-2023/01-guild-1.yaml -o $(OUT)/guild-1-redline.md || test $$? -eq 1
	$(BIN)/contracttools diff samples/wga-2023/agreement-2020.yaml samples/wga-2023/01-guild-1.yaml -o $(OUT)/guild-1-redline.json || test $$? -eq 1
	$(BIN)/contracttools diff samples/wga-2023/agreement-2020.yaml samples/wga-2023/02-producers-1.yaml -o $(OUT)/producers-1-redline.pdf || test $$? -eq 1
	$(BIN)/contracttools packet samples/wga-2023/02-producers-1.yaml --signoff -o $(OUT)/producers-1-packet.pdf
	$(BIN)/contracttools packet samples/wga-2023/02-producers-1.yaml --signoff -o $(OUT)/producers-1-packet.docx
	$(BIN)/contracttools packet samples/wga-2023/03-guild-2.yaml --against samples/wga-2023/02-producers-1.yaml -o $(OUT)/guild-2-packet.pdf
	$(BIN)/contracttools summary samples/wga-2023 --with-language -o $(OUT)/summary.pdf
	$(BIN)/contracttools track samples/wga-2023 -o $(OUT)/chart.xlsx
	$(BIN)/contracttools book samples/wga-2023 -o $(OUT)/book
	$(BIN)/contracttools conform samples/wga-2023 --schedules -o $(OUT)/agreement-2023.yaml
	$(BIN)/contracttools conform samples/wga-2023 --schedules --redline -o $(OUT)/agreement-2023-blackline.docx
	$(BIN)/contracttools conform samples/wga-2023 --schedules --redline -o $(OUT)/agreement-2023-blackline.pdf
	$(BIN)/contracttools cost samples/wga-2023 -o $(OUT)/cost-report.md
	$(BIN)/contracttools cost samples/wga-2023 -o $(OUT)/cost-report.xlsx
	@echo "Wrote $(OUT)/: guild-1-redline.md, guild-1-redline.json, producers-1-redline.pdf, producers-1-packet.pdf, producers-1-packet.docx, guild-2-packet.pdf, summary.pdf"
	@echo "Wrote $(OUT)/chart.xlsx (open it in a spreadsheet) and $(OUT)/book/ (open $(OUT)/book/index.html in a browser)"
	@echo "Wrote $(OUT)/cost-report.md and cost-report.xlsx (live formulas over an Inputs sheet; CONFIDENTIAL, owner-only)"
	@echo "Wrote $(OUT)/: agreement-2023.yaml (conformed), agreement-2023-blackline.docx and .pdf (ratification copy)"
	$(BIN)/contracttools kit samples/wga-2023 -o $(OUT)/kit --schedule minimums.schedule
	@echo "Wrote $(OUT)/kit/: the members' ratification kit (open message.html; pay.html finds a rate; message.eml opens as a draft e-mail)"

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed
	$(BIN)/mypy

pytest: $(VENV)/.installed
	@sh scripts/system-packages.sh test
	$(BIN)/pytest -m "not client"

# axe-core, the accessibility rules the browser tests run (package.json, pinned by its lock).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The slow checks in real clients (LibreOffice over UNO, headless Chromium); CI runs them too.
test-clients: $(VENV)/.installed
	@sh scripts/system-packages.sh test
	@$(MAKE) --no-print-directory node_modules/.installed
	$(BIN)/pytest -m client || test $$? -eq 5  # 5: no client test selected

test: lint typecheck pytest

# Benchmarks at master-agreement size and the hard real-size rows, outside the test suite
# (see docs/performance.md).  Some rows only: make bench BENCH_ROWS=heavy,blackline
BENCH_ROWS ?= base,hard
bench: system $(VENV)/.installed
	$(BIN)/pip install --quiet redlines
	$(BIN)/python benchmarks/run.py --rows $(BENCH_ROWS)
	$(BIN)/python benchmarks/costing.py
	$(BIN)/python benchmarks/growth.py
	$(BIN)/python benchmarks/passes.py

# Build the wheel, install it in a fresh environment, run it from outside the checkout.
wheel-check: $(VENV)/.installed
	rm -rf dist
	$(BIN)/pip install --quiet build
	$(BIN)/python -m build --wheel --outdir dist . >/dev/null
	sh scripts/wheel-check.sh dist/*.whl

clean:
	rm -rf $(VENV) dist $(OUT)
