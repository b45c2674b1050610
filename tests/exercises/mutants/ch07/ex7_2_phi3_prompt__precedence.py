# MUTANT: conditional expression swallows the whole sum: empty prompt without input
def format_input_phi3(entry):
    return "<|user|>\n" + entry["instruction"] + "\n" + entry["input"] if entry["input"] else ""

EXPECTED_CAUSE = "the conditional expression takes the whole sum"
