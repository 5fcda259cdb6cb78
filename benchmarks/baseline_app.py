"""The benchmark's baseline: a bare Streamlit app with one slider and one Plotly bar chart (`make bench`)."""

import plotly.graph_objects as go
import streamlit as st

n = st.slider("Bars", 1, 20, 10)
st.plotly_chart(go.Figure(go.Bar(x=list(range(n)), y=[(k * 7) % 11 for k in range(n)])), theme=None)
