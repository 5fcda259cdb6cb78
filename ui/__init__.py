"""The Streamlit shell: everything that imports streamlit except the page files themselves."""
