# MUTANT: the full SMS file's spam count (747) typed in instead of counting the frame's spam rows
import pandas as pd


def create_balanced_dataset(df):
    ham_subset = df[df["Label"] == "ham"].sample(747, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = "a count typed in"
