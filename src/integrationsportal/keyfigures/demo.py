"""Example demand of the fictional district for the demo portal: the
current quarter, aggregated numbers of people per municipality."""

from datetime import date
from integrationsportal.keyfigures import demand


ENTRIES = {
    "musterstadt": {
        "levels": {"none": 14, "A1": 22, "A2": 31, "B1": 27, "B2": 9},
        "categories": {
            "language": 48,
            "apprenticeship": 19,
            "work": 26,
            "recognition": 8,
            "childcare": 11,
        },
    },
    "beispielheim": {
        "levels": {"none": 6, "A1": 9, "A2": 12, "B1": 7},
        "categories": {"language": 21, "work": 9, "apprenticeship": 6},
    },
    "lindenau": {
        "levels": {"A1": 5, "A2": 8, "B1": 6, "B2": 2},
        "categories": {"language": 11, "qualification": 7, "work": 5},
    },
    "waldhausen": {
        "levels": {"none": 3, "A1": 4, "A2": 2},
        "categories": {"language": 9, "childcare": 4, "mentoring": 3},
    },
}


def create_demo_demand(today=None):
    quarter = demand.quarter_of(today or date.today())
    if not demand.get_demand(quarter):
        demand.set_demand(quarter, ENTRIES, user="demo")
    return quarter
