# The README's two commands: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint browser-deps serve-deps serve bench clean

$(BIN)/.app: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(BIN)/.dev: $(BIN)/.app requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

# oneDNN keeps a compiled kernel per new shape (up to 1024): capped, memory stays flat (deploy/serve.py).
# deploy.launch is `streamlit run` with Nagle's algorithm off on every connection (its docstring).
run: $(BIN)/.app
	ONEDNN_PRIMITIVE_CACHE_CAPACITY=$${ONEDNN_PRIMITIVE_CACHE_CAPACITY:-32} $(BIN)/python -m deploy.launch run app.py --server.port $(PORT)

browser-deps:
	bash scripts/browser-deps.sh

serve-deps:
	bash scripts/serve-deps.sh

# A class: one Streamlit process per core behind nginx (sticky sessions), on $(PORT).
serve: $(BIN)/.app serve-deps
	$(BIN)/python -m deploy.serve --port $(PORT)

lint: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Two xdist workers (the machine's two cores; PYTEST_WORKERS=0 runs in one process): the browser
# tests wait on their server and browser while the other worker computes. loadgroup keeps the
# tests that share one costly fixture on one worker (tests/conftest.py).
PYTEST_WORKERS ?= 2
test: $(BIN)/.dev browser-deps serve-deps lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

bench: $(BIN)/.dev browser-deps serve-deps
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) artifacts .pytest_cache .hypothesis
