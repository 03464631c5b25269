"""The only part of ssi_coach that imports Streamlit: engine cache, shell, shared widgets."""
