# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench fuzz install clean train
FUZZ_SECONDS ?= 60

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,spark]'
	touch $(STAMP)

install: $(STAMP)

# Codes the bundled examples into tidings.duckdb, prints the summary and draws one plot.
run: install
	$(BIN)/tidings code examples --db tidings.duckdb --pub-date 2025-03-05 --no-progress
	$(BIN)/tidings summary --db tidings.duckdb
	$(BIN)/tidings plot --db tidings.duckdb --country IRQ --by month examples-plot.png

test: install
	$(BIN)/python -m pytest -q

# Rebuilds the decision model from annotations/ and ../shared/gold (needs ../shared; deterministic).
train: install
	$(BIN)/tidings train --cache .cache/train

bench: install
	$(BIN)/python bench/run_all.py

# Fuzzes every reader for FUZZ_SECONDS with atheris (coverage-guided; `pip install atheris`, which may
# need clang), keeping new inputs that reach new code in tests/fuzz/corpus/. Without atheris the same
# target runs under hypothesis for the same time. A crash is printed with its input; exit status non-zero.
fuzz: install
	$(BIN)/python -c "import atheris" 2>/dev/null || $(BIN)/python -m pip install --quiet --disable-pip-version-check atheris \
		|| echo "atheris cannot be installed here: fuzzing under hypothesis instead"
	$(BIN)/python tests/fuzz/fuzz_readers.py $(FUZZ_SECONDS)
	$(BIN)/python tests/fuzz/fuzz_readers.py --merge

clean:
	rm -rf $(VENV) tidings.duckdb tidings.duckdb.wal tidings.duckdb.holder.json examples-plot.png
