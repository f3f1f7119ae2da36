#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the event catalog is complete and consistent.

Every subject needs a label and a status; every action a label, a kind, a
status and a one-line description. Event names (subject and action joined by an
underscore) must be lowercase and unique.
"""

import json
import re
import sys
from pathlib import Path

KINDS = {"generic", "specific"}
STATUSES = {"confirmed", "inferred"}
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_DESCRIPTION = 120


def text_problem(value):
    if not isinstance(value, str) or not value.strip():
        return "is missing or empty"
    if value != value.strip():
        return "has spaces around it"
    if "\n" in value or "\r" in value:
        return "spans more than one line"
    return None


def check_text(problems, where, key, item, limit=None):
    problem = text_problem(item.get(key))
    if problem:
        problems.append(f"{where}: {key} {problem}")
    elif limit and len(item[key]) > limit:
        problems.append(f"{where}: {key} is longer than {limit} characters")


def check_choice(problems, where, key, item, choices):
    if item.get(key) not in choices:
        wanted = " or ".join(sorted(choices))
        problems.append(f"{where}: {key} is {item.get(key)!r}, not {wanted}")


def check_action(problems, subject, action, events):
    name = action.get("action")
    where = f"{subject}.{name}"

    if not isinstance(name, str) or not NAME.match(name):
        problems.append(f"{where}: action name is not lowercase letters, digits and _")
    check_text(problems, where, "label", action)
    check_text(problems, where, "description", action, MAX_DESCRIPTION)
    check_choice(problems, where, "kind", action, KINDS)
    check_choice(problems, where, "status", action, STATUSES)
    if "content" in action and not isinstance(action["content"], bool):
        problems.append(f"{where}: content is not true or false")

    event = f"{subject}_{name}"
    if event != event.lower():
        problems.append(f"{where}: event {event} is not lowercase")
    if event in events:
        problems.append(f"{where}: event {event} is listed twice")
    events.add(event)


def check_catalog(catalog):
    problems = []
    events = set()
    subjects = catalog.get("subjects")

    if not isinstance(subjects, list) or not subjects:
        return ["the catalog has no subjects"]

    for subject in subjects:
        name = subject.get("subject")
        if not isinstance(name, str) or not NAME.match(name):
            problems.append(f"{name!r}: subject name is not lowercase letters, digits and _")
        check_text(problems, str(name), "label", subject)
        check_choice(problems, str(name), "status", subject, STATUSES)

        actions = subject.get("actions")
        if not isinstance(actions, list) or not actions:
            problems.append(f"{name}: no actions")
            continue
        for action in actions:
            check_action(problems, name, action, events)

    return problems


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("catalog.json")

    try:
        with path.open(encoding="utf-8") as stream:
            catalog = json.load(stream)
    except (OSError, ValueError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1

    problems = check_catalog(catalog)
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
