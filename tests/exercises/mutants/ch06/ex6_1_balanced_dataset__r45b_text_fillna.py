# MUTANT: a missing (NaN) Text filled with an empty string in the result (fillna)
import pandas as pd


def create_balanced_dataset(df):
    df = df.fillna({"Text": ""})
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "came back as ''"
