# The two commands a newcomer needs: `make run` and `make test`. Both create .venv and install what is missing.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
WORKERS ?= 2

.PHONY: run serve test validate schema load bench mutants clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(VENV)/.run-deps $@

# Serves data/regions.yaml, or $IKD_DATA; saving that file reloads open pages (ui/live.py).
run: $(VENV)/.run-deps
	$(PY) -m streamlit run app.py --server.port $(PORT)

# WORKERS Streamlit processes behind nginx on PORT, each browser kept on one worker; every worker reloads the data
# file on a save. Ctrl-C stops them all. docs/deploy.md.
serve: $(VENV)/.run-deps
	bash scripts/ensure-debian-packages.sh nginx
	$(PY) scripts/serve.py --workers $(WORKERS) --port $(PORT)

# Lint and types, the browser tests, then every other test on both cores with the clock moved to 2027: no test may
# read the wall clock (they all use IKD_TODAY, which tests/conftest.py sets). Together: the whole suite.
test: $(VENV)/.dev-deps
	bash scripts/ensure-debian-packages.sh chromium faketime nginx
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest -m e2e
	faketime '2027-01-05' $(PY) -m pytest -m "not e2e" -n 2 -p no:cacheprovider

validate: $(VENV)/.run-deps
	$(PY) -m ikd_core validate

schema: $(VENV)/.run-deps
	$(PY) -m ikd_core schema

# SESSIONS viewers speaking Streamlit's websocket protocol for 60 s against a copy of the app, on the seed file or,
# with NATIONAL=1, the synthetic 552-region file; then 3 Chromium tabs check the numbers. Not part of `make test`.
SESSIONS ?= 30
load: $(VENV)/.dev-deps
	bash scripts/ensure-debian-packages.sh chromium
	$(PY) benchmarks/load.py --sessions $(SESSIONS) --duration 60 $(if $(NATIONAL),--national) --browser-check

# National-scale benchmark against a bare Streamlit app; writes benchmarks/results.json. Not part of `make test`.
bench: $(VENV)/.dev-deps
	bash scripts/ensure-debian-packages.sh chromium
	$(PY) benchmarks/bench.py

# Mutation check of the guards against bad input (about 15 minutes): each check disarmed in a scratch copy must make
# some test fail. Writes tests/artifacts/mutants.json. Not part of `make test`.
mutants: $(VENV)/.dev-deps
	bash scripts/ensure-debian-packages.sh chromium
	$(PY) scripts/mutants.py

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache .hypothesis
