# MUTANT: the input line starts with a label "Input: "
def format_input_phi3(entry):
    prompt = f"<|user|>\n{entry['instruction']}"
    if entry["input"]:
        prompt += f"\nInput: {entry['input']}"
    return prompt


EXPECTED_CAUSE = "yours has 'Input: ' too many after"
