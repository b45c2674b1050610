# MUTANT: the result's index name dropped (index.name = None)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    out = pd.concat([ham_subset, df[df["Label"] == "spam"]])
    out.index.name = None
    return out


EXPECTED_CAUSE = 'index is named'
