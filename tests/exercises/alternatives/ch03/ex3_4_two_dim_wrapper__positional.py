# Correct: all arguments positional, module import path
import llmscratch


def make_two_dim_wrapper(d_in, context_length, dropout):
    return llmscratch.MultiHeadAttentionWrapper(d_in, 1, context_length, dropout, 2, False)
