# MUTANT: the parts joined with empty ones skipped: an empty instruction loses its newline
EXPECTED_CAUSE = "the instruction is empty here"


def format_input_phi3(entry):
    parts = ["<|user|>", entry["instruction"], entry["input"]]
    return "\n".join(p for p in parts if p)
