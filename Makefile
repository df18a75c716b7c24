# make run  — install everything and open the dashboard on the seeds
# make test — install everything and run all tests (unit, pages, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint process bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run app.py

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest --browser

lint: $(STAMP)
	$(PY) -m ruff check .

process: $(STAMP)
	$(PY) -m marsad process seeds/

bench: $(STAMP)
	$(PY) -m marsad bench pipeline
	$(PY) -m marsad bench app

clean:
	rm -rf $(VENV) data/marsad.sqlite
