# MUTANT: sorted the sampled ham rows by index (the ham rows are no longer in sampled order)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123).sort_index()
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = 'sampled ham rows were sorted by index'
