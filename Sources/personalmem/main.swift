print("personalmem")
