# Mutant: the user tag gets a colon, like the assistant tag.


def format_input_phi3(entry):
    input_text = f"\n{entry['input']}" if entry["input"] else ""
    return f"<|user|>:\n{entry['instruction']}" + input_text


EXPECTED_CAUSE = "only the assistant tag has one"
