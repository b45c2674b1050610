# MUTANT: result's columns reordered to Text, Label (selected by a hard-coded list)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])[["Text", "Label"]]


EXPECTED_CAUSE = 'another order (a column list'
