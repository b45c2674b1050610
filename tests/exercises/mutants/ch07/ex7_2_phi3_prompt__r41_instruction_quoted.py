# MUTANT: the instruction wrapped in double quotes (no replay: the piece fallback names it)
EXPECTED_CAUSE = "Yours adds '\"' before it and '\"' after it"


def format_input_phi3(entry):
    input_text = f"\n{entry['input']}" if entry["input"] else ""
    return f"<|user|>\n\"{entry['instruction']}\"" + input_text
