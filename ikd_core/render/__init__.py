"""Render: charts, the Rakorda deck, PowerPoint, the HTML briefing and the downloads."""
