# MUTANT: a newline after the prompt (ready for the assistant tag)
def format_input_phi3(entry):
    input_text = f"\n{entry['input']}" if entry["input"] else ""
    return f"<|user|>\n{entry['instruction']}" + input_text + "\n"


EXPECTED_CAUSE = 'ends with a newline'
