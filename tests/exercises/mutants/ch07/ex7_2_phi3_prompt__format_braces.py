# MUTANT: str.format over a string that already holds the instruction: braces break
def format_input_phi3(entry):
    template = "<|user|>\n" + entry["instruction"] + "{rest}"
    return template.format(rest=f"\n{entry['input']}" if entry["input"] else "")


EXPECTED_CAUSE = 'braces'
