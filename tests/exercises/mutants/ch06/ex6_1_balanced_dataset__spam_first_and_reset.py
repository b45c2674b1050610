# MUTANT: two slips: spam rows first and the index reset (ignore_index=True)
import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"].sample(len(spam), random_state=123)
    return pd.concat([spam, ham], ignore_index=True)

EXPECTED_CAUSE = "AND the spam rows come first"
