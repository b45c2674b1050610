# MUTANT: drops duplicate messages before balancing (fewer rows, other ham drawn)
import pandas as pd


def create_balanced_dataset(df):
    df = df.drop_duplicates()
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = 'dropped the repeated messages'
