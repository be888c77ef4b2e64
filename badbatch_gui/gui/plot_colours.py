"""The colours of the training curves, the same on the Train page's live plots and in the run report's chart."""

#: role -> (colour on a light background, colour on a dark background)
COLOURS = {
    "raw": ("#9ec5e8", "#35608a"),
    "smooth": ("#1f4e9c", "#8cc4ff"),
    "speed": ("#2e7d32", "#7bd88f"),
    "allocated": ("#6a3d9a", "#c9a0ff"),
    "reserved": ("#e07b00", "#ffb347"),
    "rss": ("#6a3d9a", "#c9a0ff"),
    "rejected": ("#b00020", "#ff6b6b"),
    "limit": ("#b00020", "#ff6b6b"),
    "forecast": ("#555555", "#bbbbbb"),
    "global": ("#c2410c", "#ffa657"),
    "start": ("#2e7d32", "#7bd88f"),
}
