import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TherapyGroup } from '../entities';

@Injectable()
export class GroupRepository {
  constructor(@InjectRepository(TherapyGroup) private readonly groups: Repository<TherapyGroup>) {}

  create(input: { organisationId: string; name: string }): Promise<TherapyGroup> {
    return this.groups.save(this.groups.create(input));
  }

  findById(id: string): Promise<TherapyGroup | null> {
    return this.groups.findOneBy({ id });
  }

  list(): Promise<TherapyGroup[]> {
    return this.groups.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  listByOrganisation(organisationId: string): Promise<TherapyGroup[]> {
    return this.groups.find({ where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
