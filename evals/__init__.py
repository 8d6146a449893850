"""tierfit: does the cheap execution tier of coding models do the job, or is the reasoning tier needed?"""
