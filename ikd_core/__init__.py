"""The IKD dashboard's functional core: figures, checks and views as plain data. Never imports streamlit."""
