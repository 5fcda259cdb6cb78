"""Entry point: `streamlit run app.py`. The data file is data/regions.yaml, or $IKD_DATA."""

from ui.shell import run_app

run_app()
