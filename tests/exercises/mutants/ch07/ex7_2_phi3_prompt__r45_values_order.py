# MUTANT: instruction and input read by the position of the record's keys (entry.values())
def format_input_phi3(entry):
    instruction, input_text = list(entry.values())[:2]
    input_part = f"\n{input_text}" if input_text else ""
    return f"<|user|>\n{instruction}" + input_part


EXPECTED_CAUSE = "depends on the order of the record's keys"
