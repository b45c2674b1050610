# MUTANT: the frame's index reset (drop=True) before sampling: original index labels lost
import pandas as pd


def create_balanced_dataset(df):
    df = df.reset_index(drop=True)
    num_spam = (df['Label'] == 'spam').sum()
    ham = df[df['Label'] == 'ham'].sample(num_spam, random_state=123)
    return pd.concat([ham, df[df['Label'] == 'spam']])


EXPECTED_CAUSE = 'reset before sampling'
