# Mutant: the system role's tag where the user tag belongs.


def format_input_phi3(entry):
    input_text = f"\n{entry['input']}" if entry["input"] else ""
    return f"<|system|>\n{entry['instruction']}" + input_text


EXPECTED_CAUSE = "yours has 'system' where the prompt has 'user'"
