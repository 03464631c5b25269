"""The questionnaire the seeded test profiles answer, as the questionnaire form submits it."""

ANSWERS = {
    "goal": "prospecting",
    "role": "freelance",
    "already_converting": "no",
    "minutes_per_day": "20",
    "target": "DAF de PME industrielles",
    "outcome": "réduire leurs délais de clôture",
    "means": "un diagnostic de leurs processus",
    "sector": "industrie",
}
