# MUTANT: placeholders filled by chained str.replace, so an instruction that holds the text
# "{input}" gets the input pasted into it

EXPECTED_CAUSE = "chained str.replace() calls"

def format_input_phi3(entry):
    template = "<|user|>\n{instruction}\n{input}" if entry["input"] else "<|user|>\n{instruction}"
    filled = template.replace("{instruction}", entry["instruction"])
    return filled.replace("{input}", entry["input"])
