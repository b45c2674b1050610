# MUTANT: a helper column added to the caller's frame in place
import pandas as pd


def create_balanced_dataset(df):
    df["is_spam"] = df["Label"] == "spam"
    num_spam = df["is_spam"].sum()
    ham_subset = df[~df["is_spam"]].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["is_spam"]]])

EXPECTED_CAUSE = "its columns are now ['Label', 'Text', 'is_spam']"
