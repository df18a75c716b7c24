# make run  — install the runtime and open the dashboard on the seeds
# make test — install the runtime and the development tools, and run all tests (lint, unit, pages, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint process bench clean

# camel-tools without its declared torch/transformers stack (see requirements-nodeps.txt)
$(STAMP): requirements.txt requirements-nodeps.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -r requirements-nodeps.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(DEV_STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py

test: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest --browser

lint: $(DEV_STAMP)
	$(PY) -m ruff check .

process: $(STAMP)
	$(PY) -m marsad process seeds/

bench: $(DEV_STAMP)
	$(PY) -m marsad bench pipeline
	$(PY) -m marsad bench app

clean:
	rm -rf $(VENV) data/marsad.sqlite
