// What a user's app imports: size-limit bundles this file to hold @postpress/client to its budget.
import { createPostpressClient } from '@postpress/client';

export { createPostpressClient };
