# MUTANT: the pieces joined with a Windows line ending ('\r\n', os.linesep on Windows)
EXPECTED_CAUSE = "a Windows line ending"
SEP = "\r\n"


def format_input_phi3(entry):
    parts = ["<|user|>", entry["instruction"]]
    if entry["input"]:
        parts.append(entry["input"])
    return SEP.join(parts)
