# MUTANT: rows whose index label repeats dropped after the concat (index.duplicated())
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    result = pd.concat([ham_subset, df[df["Label"] == "spam"]])
    return result[~result.index.duplicated()]

EXPECTED_CAUSE = "rows whose index label repeats were dropped after the concat"
