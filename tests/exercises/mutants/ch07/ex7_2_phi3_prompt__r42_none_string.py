# MUTANT: an input that is the string "None" is taken as a missing input (a guard meant for None),
# so that input is dropped
def format_input_phi3(entry):
    inp = entry.get("input")
    input_text = f"\n{inp}" if inp not in ("", None, "None") else ""
    return f"<|user|>\n{entry['instruction']}" + input_text

EXPECTED_CAUSE = "though the input is 'None'"
