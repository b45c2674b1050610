# MUTANT: instruction and input rebuilt from splitlines() (a trailing newline lost)
def format_input_phi3(entry):
    instruction = "\n".join(entry["instruction"].splitlines())
    given = "\n".join(entry["input"].splitlines())
    input_text = f"\n{given}" if entry["input"] else ""
    return f"<|user|>\n{instruction}" + input_text

EXPECTED_CAUSE = "splitlines()) drops a final newline"
