# MUTANT: the input put in with % after the instruction is already in the prompt (prompt %
# entry['input']), so a '%' in the instruction is read as a conversion

EXPECTED_CAUSE = "went through %-formatting to insert the input"


def format_input_phi3(entry):
    prompt = "<|user|>\n" + entry["instruction"]
    if entry["input"]:
        prompt = (prompt + "\n%s") % entry["input"]
    return prompt
