# MUTANT: the spam count taken as spam.size (rows times columns: twice the rows)
import pandas as pd


def create_balanced_dataset(df):
    spam = df.loc[df.Label == "spam"]
    ham = df.loc[df.Label == "ham"]
    ham_subset = ham.sample(n=min(spam.size, len(ham)), random_state=123)
    return pd.concat([ham_subset, spam])

EXPECTED_CAUSE = '.size counts the CELLS'
