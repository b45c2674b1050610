# Correct: "\n".join of the non-empty parts
def format_input_phi3(entry):
    parts = ["<|user|>", entry["instruction"]]
    if entry["input"]:
        parts.append(entry["input"])
    return "\n".join(parts)
