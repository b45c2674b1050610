# Mutant: a typo in the user tag ('<|user>' without its second bar).


def format_input_phi3(entry):
    input_text = f"\n{entry['input']}" if entry["input"] else ""
    return f"<|user>\n{entry['instruction']}" + input_text


EXPECTED_CAUSE = "yours lacks '|' after '<|user'"
