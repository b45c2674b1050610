# MUTANT: the instruction and input separated by a tab and the tag followed by a space and newline
def format_input_phi3(entry):
    input_text = f"\t{entry['input']}" if entry["input"] else ""
    return f"<|user|> \n{entry['instruction']}" + input_text


EXPECTED_CAUSE = 'The last difference lies in the newline before the input'
