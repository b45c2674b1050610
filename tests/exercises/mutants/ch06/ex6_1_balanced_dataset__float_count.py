# MUTANT: spam count computed through a float fraction and int() truncation (one ham row short for
# some sizes)
import pandas as pd


def create_balanced_dataset(df):
    num_spam = int(len(df) * (df["Label"] == "spam").mean())
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = 'int() truncates'
