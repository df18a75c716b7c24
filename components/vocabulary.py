"""The dashboard's visual vocabulary, in one place: colours for event types and stances, and the
English verb shown for each stance."""

from __future__ import annotations

EVENT_COLORS = {
    "armed_clash": "#d62728", "attack": "#e6550d", "territory_change": "#a63603", "airstrike": "#7b4173",
    "shelling": "#9e0142", "bombing": "#6a3d9a", "killing": "#67000d", "casualties": "#cb181d",
    "withdrawal": "#2ca02c", "evacuation": "#17becf", "deployment": "#1f77b4", "arrest": "#8c564b",
    "abduction": "#843c39", "meeting": "#637939", "phone_call": "#8ca252", "appeal": "#bcbd22",
    "denial": "#7f7f7f", "agreement": "#31a354", "ceasefire": "#74c476", "negotiation": "#9ecae1",
    "protest": "#fd8d3c", "riot": "#f03b20", "displacement": "#636363",
}
DEFAULT_COLOR = "#3d5a80"
STATEMENT_COLOR = "#264653"

STANCE_LABELS = {
    "neutral": "said", "assert": "asserted", "deny": "denied", "announce": "announced",
    "acknowledge": "acknowledged", "appeal": "urged", "warn": "warned", "condemn": "condemned",
    "support": "supported", "reject": "rejected", "promise": "promised", "claim": "claimed",
    "inform": "informed",
}


def event_color(event_type: str | None) -> str:
    return EVENT_COLORS.get(event_type or "", DEFAULT_COLOR)
STANCE_COLORS = {"deny": "#b91c1c", "reject": "#b91c1c", "appeal": "#ca8a04", "warn": "#ca8a04",
                 "assert": "#15803d", "announce": "#15803d", "acknowledge": "#15803d"}
